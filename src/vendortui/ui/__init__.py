"""The Textual app: renders what the core computes; never computes money or ranks itself."""
