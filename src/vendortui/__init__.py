"""vendortui: a keyboard-driven workbench for choosing a debt-collection partner."""

__version__ = "0.1.0"
