/** Types of bundle.mjs, for the TypeScript scripts that use it. */
export declare const ROOT: string;
export declare const LIB_DIR: string;
export declare const BUNDLE_PATH: string;
export declare const MANIFEST_PATH: string;
export declare const BUILD_ID_PREFIX: string;
export declare const EXTERNAL: string[];
export declare function codeCacheName(id: string, flags?: string[]): string;
export declare function fileStamp(path: string): [number, number] | undefined;
export declare function bundle(): Promise<number>;
export declare function staleInputs(manifestText: string | undefined): string[];
export declare const WORKER_BUNDLE_PATH: string;
export declare const ENTRY: string;
