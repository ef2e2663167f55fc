"""The pages of the main window: dashboard, clients, invoices, overdue, activity."""
