"""JSON documents of the model and of results, their converter and their schemas."""
