/**
 * Formats milliseconds the way Go's `time.Duration.String()` does for whole seconds and above
 * (`10s`, `1m20s`, `5m0s`, `1h0m0s`), with fractional seconds below a minute (`1.5s`) and `0s` for zero.
 * Kubelet messages ("back-off 1m20s restarting failed container …") use this format.
 */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Number((totalSeconds % 60).toFixed(3));
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
