"""imrpredict serve: the reviewer page and HTTP API."""
