export declare function readZipParts(bytes: Buffer): Map<string, Buffer>;
