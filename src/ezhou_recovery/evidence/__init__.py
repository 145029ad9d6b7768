"""What happened in the world: observations, investment reports, submissions (the classes only)."""
