"""The pure domain core: rules of the covenant, no Django."""
