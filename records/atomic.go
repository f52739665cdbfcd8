package records

import (
	"os"
	"path/filepath"
)

// tempPrefix starts the name of a file being written; List skips it.
const tempPrefix = ".tmp-"

// beforeRename runs between writing the temporary file and renaming it into
// place; tests use it to crash a write half-way.
var beforeRename = func(tmp string) error { return nil }

// writeAtomic writes data to path so that readers see the old file or the
// new one, never a part: a temporary file in the same folder, fsync,
// rename over the old file, then fsync of the folder so the rename itself
// survives a power cut.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err = f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = beforeRename(tmp); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}
