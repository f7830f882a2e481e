package feed

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// A Merchant Center XML feed is RSS 2.0 (rss > channel > item) or Atom 1.0 (feed >
// entry), each product's fields as child elements, Google's in the g: namespace
// (<g:id>, <g:price>12.99 USD</g:price>, <g:availability>, <g:item_group_id>…) and a
// few in the format's own (<title>, <link>, <description>; Atom's <link href="…"/>
// and <summary>). Each item or entry is read as a flat row (see flat.go) whose
// columns are the elements' local names, the namespace left aside, so every flat
// column is understood; a repeated element (additional_image_link, product_type)
// gives its first value. Nested elements (<g:shipping> with its <g:country>,
// <g:price>…) and elements outside items are not read. Character data and CDATA
// sections are text; HTML entities (&nbsp;, &eacute;) are decoded, and markup in a
// description is removed as in any flat feed. The declared encoding may be UTF-8,
// US-ASCII, ISO-8859-1 or Windows-1252.
//
// A row's lines run from its item's start tag to its end tag. XML that is not well
// formed stops the file where it breaks (the items before it are kept), since the
// rest cannot be found again; so does a run of more than maxRecordLen bytes without
// markup or a tag longer than that, which bounds what one token can hold, and
// elements nested more than maxXMLDepth deep (the decoder keeps a record of every open
// element: a file of nothing but start tags made it hold about 30 bytes for each byte
// read). An item longer than maxRecordLen bytes is rejected and reading goes on after
// it, so that what one item makes the reader hold is bounded as a CSV record's is.

// readXML reads a Merchant Center RSS or Atom feed.
func (p *parser) readXML(in *bufio.Reader) error {
	d := xml.NewDecoder(&markupGuard{r: in})
	d.Entity = xml.HTMLEntity
	d.CharsetReader = xmlCharset
	var (
		item      map[string]string
		itemName  string
		startLine int
		depth     int // depth inside the item: 1 for its own children
		field     string
		text      strings.Builder
		items     int
		open      int   // elements open, inside items or not
		itemStart int64 // the decoder's offset at the item's start tag
		tooLong   bool  // the item has run past maxRecordLen bytes: kept no more
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if items == 0 {
				return errors.New("this XML file has no <item> (RSS) or <entry> (Atom) elements; a Merchant Center feed holds one per product")
			}
			return nil
		}
		if err != nil {
			line, _ := d.InputPos()
			return xmlError(err, line, items)
		}
		if item != nil && !tooLong && d.InputOffset()-itemStart > maxRecordLen {
			tooLong = true
			clear(item)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if open++; open > maxXMLDepth {
				line, _ := d.InputPos()
				return xmlError(errXMLDepth, line, items)
			}
			switch {
			case item == nil && (t.Name.Local == "item" || t.Name.Local == "entry"):
				item, itemName, depth, tooLong = map[string]string{}, t.Name.Local, 0, false
				startLine, _ = d.InputPos()
				itemStart = d.InputOffset()
			case item != nil && depth == 0:
				field = columnKey(t.Name.Local)
				text.Reset()
				if t.Name.Local == "link" && itemName == "entry" {
					if href := xmlAttr(t, "href"); href != "" && (xmlAttr(t, "rel") == "" || xmlAttr(t, "rel") == "alternate") {
						if _, seen := item["link"]; !seen {
							item["link"] = href
						}
					}
				}
				depth = 1
			case item != nil:
				depth++
			}
		case xml.CharData:
			if item != nil && !tooLong && depth == 1 && text.Len() <= maxFieldLen {
				text.Write(t)
			}
		case xml.EndElement:
			open--
			switch {
			case item != nil && depth == 0 && t.Name.Local == itemName:
				items++
				p.tick()
				endLine, _ := d.InputPos()
				if tooLong {
					p.reject(lines{startLine, endLine}, "<%s> is longer than 1 MiB; a product's item is a few KiB", itemName)
				} else if err := p.xmlItem(lines{startLine, endLine}, item); err != nil {
					return err
				}
				item = nil
			case item != nil && depth == 1:
				if _, seen := item[field]; !seen && field != "" && !tooLong {
					item[field] = strings.TrimSpace(text.String())
				}
				depth = 0
			case item != nil:
				depth--
			}
		}
	}
}

// xmlItem reads one item or entry as a flat row.
func (p *parser) xmlItem(at lines, item map[string]string) error {
	for k, v := range item {
		if len(v) > maxFieldLen {
			p.reject(at, "element <%s> is longer than 64 KiB: %s", k, shortenIt)
			return nil
		}
	}
	if _, ok := item["description"]; !ok {
		if s, ok := item["summary"]; ok {
			item["description"] = s
		}
	}
	return p.flatRow(at, func(col string) string { return item[col] }, func() row {
		m := maps.Clone(item)
		return func(col string) string { return m[col] }
	})
}

// xmlAttr returns the value of an element's attribute named local, whatever its
// namespace.
func xmlAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// xmlCharset reads the encodings a feed may declare besides UTF-8.
func xmlCharset(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	}
	return nil, fmt.Errorf("the XML declares encoding %q; save the feed as UTF-8", label)
}

// xmlError describes XML that cannot be read further, at line.
func xmlError(err error, line, items int) error {
	var se *xml.SyntaxError
	why := err.Error()
	switch {
	case errors.As(err, &se):
		why = "the XML is not well formed: " + se.Msg
		line = se.Line
	case errors.Is(err, errMarkupRun), errors.Is(err, errXMLDepth):
		why = err.Error()
	default:
		return readError(err)
	}
	kept := "no product was read"
	switch {
	case items == 1:
		kept = "the item before it was read"
	case items > 1:
		kept = fmt.Sprintf("the %d items before it were read", items)
	}
	return fmt.Errorf("line %d: %s; reading stopped there (%s)", line, why, kept)
}

// maxXMLDepth bounds how deep elements may nest. A Merchant Center feed nests five
// deep (rss, channel, item, g:shipping, g:country); RSS and Atom extensions a few more.
const maxXMLDepth = 64

var errXMLDepth = fmt.Errorf("elements nested more than %d deep, which no product feed needs", maxXMLDepth)

var errMarkupRun = fmt.Errorf("more than %d bytes of text without markup, or a tag longer than that", maxRecordLen)

// markupGuard passes XML through and fails with errMarkupRun after more than
// maxRecordLen bytes without a '<' or without a '>', so that no token the decoder
// builds (a text run, a tag) is larger than that.
type markupGuard struct {
	r                io.Reader
	sinceLT, sinceGT int
}

func (g *markupGuard) Read(b []byte) (int, error) {
	n, err := g.r.Read(b)
	for _, c := range b[:n] {
		g.sinceLT++
		g.sinceGT++
		switch c {
		case '<':
			g.sinceLT = 0
		case '>':
			g.sinceGT = 0
		}
		if g.sinceLT > maxRecordLen || g.sinceGT > maxRecordLen {
			return n, errMarkupRun
		}
	}
	return n, err
}
