// Plain SVG charts: no chart library, a fixed viewBox so nothing shifts while data loads.

export interface Bar {
  label: string;
  value: number;
}

/** Vertical bars with their values; `title` names the chart for screen readers. */
export function BarChart({ bars, title, format = String }: { bars: Bar[]; title: string; format?: (v: number) => string }) {
  const w = 320;
  const h = 160;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = w / Math.max(1, bars.length);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${w} ${h + 34}`} role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}`}>
        {bars.map((b, i) => {
          const bh = (b.value / max) * (h - 16);
          const x = i * step + step * 0.15;
          return (
            <g key={i}>
              <rect x={x} y={h - bh} width={step * 0.7} height={bh} rx="3" class="bar" />
              <text x={x + step * 0.35} y={h - bh - 4} text-anchor="middle" class="value">{b.value ? format(b.value) : ''}</text>
              <text x={x + step * 0.35} y={h + 16} text-anchor="middle" class="axis">{b.label}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** Horizontal bars for named shares (outcomes, questions). */
export function ShareList({ items, title }: { items: Bar[]; title: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <figure class="chart shares">
      <figcaption>{title}</figcaption>
      {items.length === 0 && <p class="muted">Пока нет данных</p>}
      <ul>
        {items.map((i) => (
          <li key={i.label}>
            <span class="share-label">{i.label}</span>
            <span class="share-bar" style={{ width: `${(i.value / max) * 100}%` }} />
            <span class="share-value">{i.value}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
