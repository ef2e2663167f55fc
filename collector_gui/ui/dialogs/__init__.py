"""The dialogs that log records by hand and edit the settings."""
