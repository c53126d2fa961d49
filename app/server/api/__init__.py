"""HTTP layer of the central API: dependencies and routes grouped by resource."""
