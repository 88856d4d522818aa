/** Builds the page into `outdir` (default dist/web) and returns the folder. */
export function buildWeb(outdir?: string): Promise<string>;
