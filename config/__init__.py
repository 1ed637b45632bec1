"""Django project configuration for Schakel."""
