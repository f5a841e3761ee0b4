import * as fs from 'fs/promises';

/** fsync of a folder: a rename or a new file in it is atomic at once, and this makes it survive a power cut too. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
