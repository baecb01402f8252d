"""Normalisation: amounts, subject codes, names and units."""
