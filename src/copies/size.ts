/** A size in words a human reads at a glance: KB below a megabyte, MB with one decimal above. */
export const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
