/**
 * @module model-archive/remote-storage
 * Rasa's `remote_storage` / `--remote-storage`: a model kept in a cloud bucket, named by its key. As Rasa's persistors
 * do, `.tar.gz` is added to a name without it. Confab has `aws` (S3 and S3-compatible stores, see `s3.ts`).
 */
import type { TrainedModel } from "./archive.js";
import { deserializeModel } from "./archive.js";
import { fetchS3Object } from "./s3.js";

/** A `remote_storage` Confab cannot read (Rasa's `gcs`, `azure` or a persistor module path). */
export class UnsupportedRemoteStorage extends Error {
  override name = "UnsupportedRemoteStorage";
  constructor(storage: unknown) {
    super(
      `Remote storage ${JSON.stringify(storage)} is not supported by Confab (only "aws": S3 or an S3-compatible store).`,
    );
  }
}

/** The object key Rasa's persistors read for a model name. */
export function remoteModelKey(name: string): string {
  return name.endsWith("tar.gz") ? name : `${name}.tar.gz`;
}

/** Downloads and opens the model `name` from `storage`; throws `UnsupportedRemoteStorage` or the download's error. */
export async function loadRemoteModel(
  storage: unknown,
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TrainedModel> {
  if (storage !== "aws") throw new UnsupportedRemoteStorage(storage);
  const key = remoteModelKey(name);
  return deserializeModel(await fetchS3Object(key, env), `s3://${env.BUCKET_NAME}/${key}`);
}
