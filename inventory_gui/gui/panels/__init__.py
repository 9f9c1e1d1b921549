"""The window's panels: connection, products, stock, details, history, messages."""
