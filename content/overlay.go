package content

import (
	"errors"
	"hash"
	"io/fs"
	"path"
	"slices"
	"strings"

	"stemcounsel/model"
)

// Overlay lays a clinic's folder over the built-in content. A file in the
// clinic's folder replaces the built-in file at the same path; a new file
// (an extra checklist item, disease group or banned-extra.txt) is added;
// everything else comes from the built-in set, so a clinic keeps every later
// correction of the text it did not change.
type Overlay struct {
	Base, Top fs.FS
	// TopName is how messages name the clinic's folder.
	TopName string
}

// Open opens name from the clinic's folder if it has it, else from the base.
func (o Overlay) Open(name string) (fs.File, error) {
	if f, err := o.Top.Open(name); err == nil {
		return f, nil
	}
	return o.Base.Open(name)
}

// ReadFile reads name from the clinic's folder if it has it, else from the base.
func (o Overlay) ReadFile(name string) ([]byte, error) {
	if data, err := fs.ReadFile(o.Top, name); err == nil {
		return data, nil
	}
	return fs.ReadFile(o.Base, name)
}

// Lstat describes name without following a link, from the clinic's folder
// if it has it: the loader refuses links out of the folder.
func (o Overlay) Lstat(name string) (fs.FileInfo, error) {
	if info, err := fs.Lstat(o.Top, name); err == nil {
		return info, nil
	}
	return fs.Lstat(o.Base, name)
}

// ReadLink reads a link in the clinic's folder, else in the base.
func (o Overlay) ReadLink(name string) (string, error) {
	if target, err := fs.ReadLink(o.Top, name); err == nil {
		return target, nil
	}
	return fs.ReadLink(o.Base, name)
}

// ReadDir lists both folders, the clinic's entry winning on a shared name.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, terr := fs.ReadDir(o.Top, name)
	base, berr := fs.ReadDir(o.Base, name)
	if terr != nil && berr != nil {
		return nil, berr
	}
	byName := map[string]fs.DirEntry{}
	for _, e := range base {
		byName[e.Name()] = e
	}
	for _, e := range top {
		byName[e.Name()] = e
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// Where names the file a path was read from, for messages: the clinic's
// folder, or the built-in content.
func (o Overlay) Where(name string) string {
	if _, err := fs.Stat(o.Top, name); err == nil {
		return path.Join(o.TopName, name)
	}
	return "built-in " + name
}

// FromClinic reports whether the clinic's folder holds name.
func (o Overlay) FromClinic(name string) bool {
	_, err := fs.Stat(o.Top, name)
	return err == nil
}

// locator is a content folder that can say where each of its files is.
type locator interface{ Where(name string) string }

// locate names each problem's file as its folder says.
func (ps Problems) locate(fsys fs.FS) {
	if l, ok := fsys.(locator); ok {
		for i := range ps {
			ps[i].File = l.Where(ps[i].File)
		}
	}
}

// readExtraBanned reads a folder's optional banned-extra.txt: wording a
// clinic adds to the built-in list rather than replacing it.
func readExtraBanned(fsys fs.FS, lang model.Lang, h hash.Hash) ([]BannedPhrase, Problems) {
	file := path.Join(string(lang), "banned-extra.txt")
	if _, err := fs.Stat(fsys, file); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return readBanned(fsys, file, h)
}
