"""Delivery of reminders: composing messages, SMTP, and the password in the keyring. No Qt."""
