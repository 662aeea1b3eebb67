import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A key file path in a fresh temporary folder: the issuer creates the key there. */
export async function temporaryKeyFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "local-issuer-")), "key.json");
}
