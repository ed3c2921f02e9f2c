// The sheet drawn to scale with its parts: each part's outline and number (its place in the
// scanning order), the part to place next filled. Focused, ← → (and Home/End) walk the parts so
// the officer can see where each one lies before scanning any. During the capture each scanned
// part shows its own thumbnail in its place (turned upright when the sheet lies turned on the glass).
import type { KeyboardEvent } from 'react';
import type { TilePlan } from '../../../../electron/contract';

export function PlanDiagram(props: {
  plan: TilePlan;
  /** The part highlighted (1-based). */
  current: number;
  label: string;
  /** A small drawing for comparison: outlines only, not focusable. */
  compact?: boolean;
  onCurrent?: (part: number) => void;
  /** The thumbnail of each part scanned so far, by part number − 1 (the capture). */
  shots?: readonly string[];
}) {
  const { plan, current, compact, onCurrent, shots = [] } = props;
  const { widthMm: W, heightMm: H } = plan.sheet;
  const margin = Math.max(W, H) * 0.015;
  const font = Math.min(W / plan.cols, H / plan.rows) * 0.38;
  const highlighted = plan.parts.find((p) => p.number === current);
  // A number sits in the middle of the area its part alone covers (overlaps split in half), so
  // heavily overlapping parts still read as a grid.
  const colX: number[] = [];
  const rowY: number[] = [];
  for (const p of plan.parts) [colX[p.col], rowY[p.row]] = [p.xMm, p.yMm];
  const cellMiddle = (starts: number[], size: number, i: number, total: number) => {
    const from = i === 0 ? 0 : (starts[i - 1]! + size + starts[i]!) / 2;
    const to = i === starts.length - 1 ? Math.min(total, starts[i]! + size) : (starts[i]! + size + starts[i + 1]!) / 2;
    return (from + to) / 2;
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (!onCurrent || e.altKey || e.ctrlKey || e.metaKey) return;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? Math.min(plan.count, current + 1)
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? Math.max(1, current - 1)
      : e.key === 'Home' ? 1
      : e.key === 'End' ? plan.count
      : null;
    if (next === null) return;
    e.preventDefault();
    onCurrent(next);
  };
  return (
    <svg
      className={compact ? 'plan-diagram compact' : shots.length > 0 ? 'plan-diagram with-shots' : 'plan-diagram'}
      viewBox={`${-margin} ${-margin} ${W + 2 * margin} ${H + 2 * margin}`}
      role="img"
      aria-label={props.label}
      data-testid={compact ? 'plan-compare-diagram' : 'plan-diagram'}
      {...(onCurrent && !compact ? { tabIndex: 0, onKeyDown, 'aria-keyshortcuts': 'ArrowLeft ArrowRight Home End' } : {})}
    >
      <rect className="plan-sheet" x={0} y={0} width={W} height={H} vectorEffect="non-scaling-stroke" />
      {!compact && shots.length > 0 && <PartShots plan={plan} shots={shots} />}
      {plan.parts.map((p) => (
        <rect key={p.number} className={p.number <= shots.length ? 'plan-part scanned' : 'plan-part'} x={p.xMm} y={p.yMm} width={p.widthMm} height={p.heightMm} vectorEffect="non-scaling-stroke" />
      ))}
      {highlighted && !compact && (
        <rect className="plan-part current" data-part={highlighted.number} x={highlighted.xMm} y={highlighted.yMm} width={highlighted.widthMm} height={highlighted.heightMm} vectorEffect="non-scaling-stroke" />
      )}
      {!compact &&
        plan.parts.map((p) => (
          <text key={p.number} className={p.number === current ? 'plan-number current' : 'plan-number'} x={cellMiddle(colX, p.widthMm, p.col, W)} y={cellMiddle(rowY, p.heightMm, p.row, H)} fontSize={font} strokeWidth={font * 0.08} textAnchor="middle" dominantBaseline="central">
            {p.number}
          </text>
        ))}
    </svg>
  );
}

/** The scanned parts' thumbnails, each in its place: a part is the glass as scanned, so a sheet laid
 * turned gives parts a quarter turn round, drawn here turned back (the plan's partTurnDeg). Each is
 * clipped to its own rectangle; later parts lie over earlier ones, as in the assembled sheet. */
function PartShots({ plan, shots }: { plan: TilePlan; shots: readonly string[] }) {
  const turned = plan.partTurnDeg !== 0;
  return (
    <g className="plan-shots" aria-hidden="true">
      <defs>
        {plan.parts.slice(0, shots.length).map((p) => (
          <clipPath key={p.number} id={`plan-shot-clip-${p.number}`}>
            <rect x={p.xMm} y={p.yMm} width={p.widthMm} height={p.heightMm} />
          </clipPath>
        ))}
      </defs>
      {plan.parts.slice(0, shots.length).map((p) => {
        const [cx, cy] = [p.xMm + p.widthMm / 2, p.yMm + p.heightMm / 2];
        // Drawn as scanned (the glass's own width × height), then turned about the part's centre.
        const [w, h] = turned ? [p.heightMm, p.widthMm] : [p.widthMm, p.heightMm];
        return (
          <g key={p.number} clipPath={`url(#plan-shot-clip-${p.number})`}>
            <image
              href={shots[p.number - 1]}
              x={cx - w / 2}
              y={cy - h / 2}
              width={w}
              height={h}
              preserveAspectRatio="xMidYMid slice"
              data-part={p.number}
              {...(turned ? { transform: `rotate(${plan.partTurnDeg} ${cx} ${cy})` } : {})}
            />
          </g>
        );
      })}
    </g>
  );
}
