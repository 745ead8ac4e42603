import * as fs from "fs";
import { TargetError } from "./target";

/**
 * Reading the files of a target without hanging or exhausting memory: a FIFO blocks its reader
 * until someone writes, a device such as /dev/zero never ends, and a file of gigabytes cannot be
 * held as one string. Only regular files are read, opened without blocking and checked again once
 * open (so a file swapped for a FIFO after the first look is still refused), and read up to a limit.
 */

const MiB = 1024 * 1024;
/** Real stack exports run to tens of megabytes; beyond this a file is not one. */
export const MAX_STATE_BYTES = 256 * MiB;
/** Pulumi.yaml, stack config and files a YAML program reads. */
export const MAX_PROGRAM_FILE_BYTES = 16 * MiB;

function kindOf(st: fs.Stats): string {
    if (st.isDirectory()) return "a directory";
    if (st.isFIFO()) return "a FIFO (named pipe)";
    if (st.isCharacterDevice()) return "a character device";
    if (st.isBlockDevice()) return "a block device";
    if (st.isSocket()) return "a socket";
    return "not a regular file";
}

/** Why a path cannot be read as a file, or undefined when it can be. */
export function unreadableFile(file: string): string | undefined {
    let st: fs.Stats;
    try {
        st = fs.statSync(file);
    } catch (e: any) {
        if (e?.code === "ELOOP") return "is a symbolic link that leads back to itself";
        if (e?.code !== "ENOENT") return `cannot be read (${e?.code ?? e?.message})`;
        try {
            return `is a symbolic link to ${fs.readlinkSync(file)}, which does not exist`;
        } catch {
            return "does not exist";
        }
    }
    return st.isFile() ? undefined : `is ${kindOf(st)}, not a file`;
}

/** The text of a regular file of at most `limit` bytes; UTF-8, or UTF-16 with a byte order mark (PowerShell's redirection writes that). */
export function readTextFile(file: string, limit: number): string {
    return decode(readFileBytes(file, limit));
}

/** The bytes of a regular file of at most `limit` bytes. */
export function readFileBytes(file: string, limit: number): Buffer {
    const why = unreadableFile(file);
    if (why) throw new TargetError(`${file} ${why}`);
    let fd: number;
    try {
        fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (e: any) {
        throw new TargetError(`${file} cannot be read (${e?.code ?? e?.message})`);
    }
    try {
        const st = fs.fstatSync(fd);
        if (!st.isFile()) throw new TargetError(`${file} is ${kindOf(st)}, not a file`);
        return readUpTo(fd, limit, file);
    } finally {
        fs.closeSync(fd);
    }
}

function readUpTo(fd: number, limit: number, file: string): Buffer {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
        const chunk = Buffer.allocUnsafe(Math.min(MiB, limit + 1 - total));
        let n: number;
        try {
            n = fs.readSync(fd, chunk, 0, chunk.length, null);
        } catch (e: any) {
            throw new TargetError(`${file} cannot be read (${e?.code ?? e?.message})`);
        }
        if (n === 0) return Buffer.concat(chunks, total);
        chunks.push(chunk.subarray(0, n));
        total += n;
        if (total > limit) throw new TargetError(`${file} is larger than ${limit / MiB} MiB, more than phi-guard reads from one file`);
    }
}

function decode(bytes: Buffer): string {
    const utf16 = () => Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16().toString("utf16le");
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16().swap16().toString("utf16le");
    const text = bytes.toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
