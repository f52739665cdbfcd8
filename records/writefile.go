package records

// WriteFile writes a document made from a record (a PDF, an export) the way
// records are written: whole or not at all, readable by the owner only.
func WriteFile(path string, data []byte) error { return writeAtomic(path, data) }
