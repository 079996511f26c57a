/**
 * Generated chart images served over HTTP, for Zalo: its Bot API sends a photo by public URL, not by
 * upload. Each chart is a PNG at `GET /charts/<id>.png` below PUBLIC_BASE_URL, kept 30 days.
 */
import { ServedFileStore } from './served-file-store.ts';

/** Where generated charts are served from. */
export const CHART_PATH_PREFIX = '/charts/';

/** Publishes a PNG and returns the URL it can be fetched from. */
export interface ChartPublisher {
  publish(png: Buffer, now?: Date): string;
}

/** Chart PNGs in a folder, named by random id; files older than `keepDays` are removed on publish. */
export class ChartStore implements ChartPublisher {
  /** The files themselves, which the HTTP server serves (`files.register`). */
  readonly files: ServedFileStore;

  constructor(dir: string, publicBaseUrl: string, keepDays = 30) {
    this.files = new ServedFileStore({
      dir,
      publicBaseUrl,
      pathPrefix: CHART_PATH_PREFIX,
      keepDays,
      contentTypes: { png: 'image/png' },
      headers: () => ({ 'cache-control': 'public, max-age=86400' }),
    });
  }

  publish(png: Buffer, now: Date = new Date()): string {
    return this.files.publish(png, 'png', now);
  }
}
