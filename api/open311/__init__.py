"""Open311 GeoReport v2 helpers: JSON/XML rendering and the spec's error lists, and the mapping
between Awaaz complaints/departments and GeoReport requests/services."""
