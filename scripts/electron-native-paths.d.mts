export type ElectronNativePaths = { source: string; dir: string; binding: string; stamp: string };
export type NativeStamp = { electron: string; betterSqlite3: string; platform: string; arch: string };

export declare const electronNativePaths: (root: string) => ElectronNativePaths;
export declare const nativeStamp: (build: { electronVersion: string; betterSqlite3Version: string; platform: string; arch: string }) => NativeStamp;
export declare const isNativeBuildCurrent: (check: { bindingExists: boolean; stampText: string | null; expected: NativeStamp }) => boolean;
export declare const shouldCopyFromSource: (source: string, path: string) => boolean;
export declare const electronBinaryPath: (electronDir: string, env?: Record<string, string | undefined>) => string | null;
