"""Turns Collector's records into text and PDF documents. No Qt here."""
