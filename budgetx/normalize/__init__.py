"""Normalisation, below the readers and the tables: the vocabulary of a budget
document (amounts, subject codes, names and units, captions, data rows), one
pattern for each, used by every reader and by the segmenter."""
