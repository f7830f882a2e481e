package tools

// unlessReadOnly returns s, or "" on a read-only server. The descriptions, resources,
// prompt and results of the tools a read-only server serves use it for every mention
// of the tools it does not serve (purchase, update_preferences), so that a model is
// never pointed at a tool that does not exist.
func (t *Toolbox) unlessReadOnly(s string) string {
	if t.ReadOnly {
		return ""
	}
	return s
}

// readOnlyOr returns readOnly on a read-only server and buying otherwise.
func (t *Toolbox) readOnlyOr(readOnly, buying string) string {
	if t.ReadOnly {
		return readOnly
	}
	return buying
}
