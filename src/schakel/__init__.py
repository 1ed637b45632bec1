"""Schakel: the case and covenant system for Zorg- en Veiligheidshuizen."""
