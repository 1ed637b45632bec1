"""The Dutch meeting screens (mounted at /overleggen/)."""
