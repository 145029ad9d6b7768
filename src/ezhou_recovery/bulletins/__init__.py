"""The quarterly bulletin: its contents, and its HTML, Markdown and Word renderings."""
