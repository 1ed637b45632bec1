"""The governance screens ("Bestuur"), in Dutch; thin views over selectors and services."""
