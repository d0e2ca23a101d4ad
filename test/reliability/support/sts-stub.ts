/**
 * A 127.0.0.1 stand-in for STS GetCallerIdentity that does what STS does with a signed request: recomputes the SigV4
 * signature over the request AS RECEIVED with the secret key of the access key id it names, and answers the key's
 * identity only when both agree (else `403 SignatureDoesNotMatch`, or `InvalidClientTokenId` for an unknown key).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "../../../cli/ctl/caller-proof.ts";

export interface StubKey {
  secretAccessKey: string;
  sessionToken?: string;
  arn: string;
  account: string;
}

export interface StsStub {
  url: string;
  /** Every request received, with the outcome. */
  calls: { accessKeyId?: string; outcome: string; headers: Record<string, string> }[];
  close(): Promise<void>;
}

export async function startStsStub(keys: Record<string, StubKey>, region: string): Promise<StsStub> {
  const calls: StsStub["calls"] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v ?? "")]),
    );
    const answer = (status: number, xml: string, outcome: string, accessKeyId?: string) => {
      calls.push({ accessKeyId, outcome, headers });
      res.writeHead(status, { "content-type": "text/xml" }).end(xml);
    };
    const auth = headers.authorization ?? "";
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/sts\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return answer(400, error("IncompleteSignature", "bad Authorization"), "incomplete");
    const [, accessKeyId, , scopeRegion, signedList, signature] = m;
    const key = keys[accessKeyId!];
    if (!key || scopeRegion !== region)
      return answer(403, error("InvalidClientTokenId", "unknown key"), "unknown-key", accessKeyId);
    if (key.sessionToken !== undefined && headers["x-amz-security-token"] !== key.sessionToken)
      return answer(403, error("InvalidClientTokenId", "bad token"), "bad-token", accessKeyId);
    const amzDate = headers["x-amz-date"] ?? "";
    const signingDate = new Date(
      amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
    );
    const signedHeaders = Object.fromEntries(signedList!.split(";").map((h) => [h, headers[h] ?? ""]));
    const signer = new SignatureV4({
      service: "sts",
      region,
      credentials: { accessKeyId: accessKeyId!, secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken },
      sha256: Sha256,
      applyChecksum: false,
    });
    const [hostname, port] = (headers.host ?? "").split(":");
    const recomputed = await signer.sign(
      {
        method: req.method ?? "POST",
        protocol: "http:",
        hostname: hostname!,
        ...(port ? { port: Number(port) } : {}),
        path: req.url ?? "/",
        query: {},
        headers: signedHeaders,
        body,
      },
      { signingDate },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(recomputed.headers.authorization))?.[1];
    if (expected !== signature || body !== "Action=GetCallerIdentity&Version=2011-06-15")
      return answer(
        403,
        error("SignatureDoesNotMatch", "The request signature we calculated does not match"),
        "mismatch",
        accessKeyId,
      );
    answer(
      200,
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<Arn>${key.arn}</Arn><UserId>AROAEXAMPLE:session</UserId><Account>${key.account}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      "ok",
      accessKeyId,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function error(code: string, message: string): string {
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error></ErrorResponse>`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      text += c;
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}
