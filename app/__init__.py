"""Collection Desk: shared domain core, wire protocol, central API server and desktop client."""
