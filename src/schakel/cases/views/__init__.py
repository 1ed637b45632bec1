"""The Dutch case screens (mounted at /casussen/): thin views, one service per operation."""
