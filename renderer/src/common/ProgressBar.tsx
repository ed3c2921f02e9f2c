/** A determinate bar when the fraction is known, an indeterminate one otherwise. */
export function ProgressBar({ label, fraction }: { label: string; fraction: number | null }) {
  const percent = fraction === null ? undefined : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className={percent === undefined ? 'progress-fill indeterminate' : 'progress-fill'} style={percent === undefined ? undefined : { width: `${percent}%` }} />
      <span className="progress-label">{label}</span>
    </div>
  );
}
