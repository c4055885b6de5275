import { InputFileError } from '../errors/data.js';
import { readCsv } from './ingest/csvReader.js';

/** One metric of a Coin Metrics-style dictionary. */
export interface MetricInfo {
  id: string;
  name: string;
  category: string;
  subcategory: string;
  type: string;
  unit: string;
  interval: string;
  description: string;
}

const COLUMNS = ['id', 'name', 'category', 'subcategory', 'type', 'unit', 'interval', 'description'] as const;

/**
 * Reads a Coin Metrics metric dictionary CSV (`id,name,category,subcategory,type,unit,interval,...,description`)
 * into a map by metric id, to label and unit the `onchainMetrics` series ingested from Coin Metrics tables.
 *
 * @throws {InputFileError} when a required column is missing or the file is empty.
 */
export async function readMetricDictionary(path: string): Promise<Map<string, MetricInfo>> {
  const out = new Map<string, MetricInfo>();
  let header: string[] | undefined;
  let idx: number[] = [];
  for await (const batch of readCsv(path)) {
    for (const fields of batch.rows) {
      if (!header) {
        header = fields;
        idx = COLUMNS.map((c) => {
          const i = header?.indexOf(c) ?? -1;
          if (i < 0)
            throw new InputFileError(path, `column "${c}" not found in header (has: ${fields.join(', ')})`);
          return i;
        });
        continue;
      }
      const info = Object.fromEntries(
        COLUMNS.map((c, k) => [c, fields[idx[k]] ?? '']),
      ) as unknown as MetricInfo;
      out.set(info.id, info);
    }
  }
  if (!header) throw new InputFileError(path, 'empty file: no header row');
  return out;
}
