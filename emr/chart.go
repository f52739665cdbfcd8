package emr

import (
	"math"

	"github.com/signintech/gopdf"

	"stemcounsel/doc"
)

// The chart's size in points.
const (
	chartRowH = 7.0
	chartMark = 5.0
)

// chart draws a follow-up chart in the place of its text, better up, with
// the same marks the legend under it names: the zero line, the detectable
// change as dashed lines either side, the window's end as a dotted line, a
// filled dot for a change beyond the detectable change and an open circle
// on the zero line for one within it. A change past the chart's edge is a
// triangle at the edge pointing on. Shapes, never colours, tell them apart.
func (w *writer) chart(c doc.Chart) {
	labelW := 0.0
	for r := -c.Half; r <= c.Half; r++ { // in order: measuring sets the font
		labelW = math.Max(labelW, w.measure(c.Labels[r], regular, smallSize))
	}
	lh := lineHeight(smallSize)
	w.para([]run{{c.Axis + ", ↑ " + c.Up, italic}}, block{size: smallSize, before: 2})
	height := float64(2*c.Half) * chartRowH
	w.ensure(height + 2*lh)
	x0, x1 := margin+labelW+6, margin+w.width()
	top := w.y + smallSize/2
	rowY := func(r int) float64 { return top + float64(c.Half-r)*chartRowH }
	dayX := func(days float64) float64 {
		if c.Span <= 0 {
			return x0 + chartMark
		}
		return x0 + chartMark + days/c.Span*(x1-x0-2*chartMark)
	}
	for r := -c.Half; r <= c.Half; r++ {
		if l := c.Labels[r]; l != "" {
			w.drawLine([]piece{{text: l}}, x0-4-w.measure(l, regular, smallSize), rowY(r)-smallSize*0.6, smallSize)
		}
	}
	w.pdf.SetLineType("solid")
	w.pdf.SetLineWidth(0.6)
	w.pdf.Line(x0, rowY(c.Half), x0, rowY(-c.Half))
	w.pdf.Line(x0, rowY(0), x1, rowY(0))
	w.pdf.SetLineWidth(0.4)
	w.pdf.SetCustomLineType([]float64{3, 2}, 0)
	w.pdf.Line(x0, rowY(c.Band), x1, rowY(c.Band))
	w.pdf.Line(x0, rowY(-c.Band), x1, rowY(-c.Band))
	if c.Window > 0 {
		w.pdf.SetCustomLineType([]float64{1, 2}, 0)
		w.pdf.Line(dayX(c.Window), rowY(c.Half), dayX(c.Window), rowY(-c.Half))
	}
	w.pdf.SetLineType("solid")
	w.pdf.SetLineWidth(0.8)
	r := chartMark / 2
	w.drawLine([]piece{{text: "0"}}, dayX(0)-w.measure("0", regular, smallSize)/2, rowY(-c.Half)+2, smallSize)
	next := dayX(0) + w.measure("0  ", regular, smallSize) // where the next tick label may start
	for _, mk := range c.Marks {
		x, y := dayX(mk.Days), rowY(mk.Row)
		switch {
		case mk.Clipped:
			on := r
			if mk.Row < 0 {
				on = -r
			}
			w.pdf.Polygon([]gopdf.Point{{X: x - r, Y: y + on}, {X: x + r, Y: y + on}, {X: x, Y: y - on}}, "F")
		case mk.Counted:
			w.pdf.Polygon(circle(x, y, r), "F")
		default:
			w.pdf.Oval(x-r, y-r, x+r, y+r)
		}
		if lx := x - w.measure(mk.Months, regular, smallSize)/2; lx >= next {
			w.drawLine([]piece{{text: mk.Months}}, lx, rowY(-c.Half)+2, smallSize)
			next = lx + w.measure(mk.Months+"  ", regular, smallSize)
		}
	}
	w.y = rowY(-c.Half) + 2 + lh
	w.para([]run{{c.TimeAxis, italic}}, block{size: smallSize, indent: labelW + 6})
}

// circle is a filled dot's outline: gopdf draws ovals as outlines only.
func circle(x, y, r float64) []gopdf.Point {
	const n = 16
	pts := make([]gopdf.Point, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / n
		pts[i] = gopdf.Point{X: x + r*math.Cos(a), Y: y + r*math.Sin(a)}
	}
	return pts
}
