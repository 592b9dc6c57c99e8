// Diagnostics carry `SourceMark`; re-exporting it spares every consumer an extra import.
@_exported import struct YAMLDocument.SourceMark
