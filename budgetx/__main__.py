from budgetx.cli import main

main()
