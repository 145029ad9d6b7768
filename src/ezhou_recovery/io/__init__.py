"""Reading and writing files: programmes, observations, submissions, JSON documents, workbooks."""
