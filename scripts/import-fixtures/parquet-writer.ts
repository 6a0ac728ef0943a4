/**
 * A minimal Parquet writer (one row group, one PLAIN uncompressed data page per column, all columns
 * REQUIRED), enough for hyparquet to read; GeoParquet adds the "geo" metadata and WKB geometry.
 */
export type ParquetColumn = { name: string; kind: 'double'; values: number[] } | { name: string; kind: 'string' | 'wkb'; values: Uint8Array[] };

/** Thrift compact protocol, just the parts Parquet's footer needs. */
class CompactWriter {
	bytes: number[] = [];
	private lastField: number[] = [0];
	varint(value: bigint | number): void {
		let rest = BigInt(value);
		while (rest >= 0x80n) {
			this.bytes.push(Number((rest & 0x7fn) | 0x80n));
			rest >>= 7n;
		}
		this.bytes.push(Number(rest));
	}
	zigzag(value: number): void {
		const big = BigInt(value);
		this.varint(big >= 0n ? big << 1n : ((-big) << 1n) - 1n);
	}
	fieldHeader(id: number, type: number): void {
		const delta = id - this.lastField[this.lastField.length - 1];
		if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
		else {
			this.bytes.push(type);
			this.zigzag(id);
		}
		this.lastField[this.lastField.length - 1] = id;
	}
	i32(id: number, value: number): void {
		this.fieldHeader(id, 5);
		this.zigzag(value);
	}
	i64(id: number, value: number): void {
		this.fieldHeader(id, 6);
		this.zigzag(value);
	}
	binary(id: number, value: Uint8Array | string): void {
		this.fieldHeader(id, 8);
		this.rawBinary(value);
	}
	rawBinary(value: Uint8Array | string): void {
		const data = typeof value === 'string' ? new TextEncoder().encode(value) : value;
		this.varint(data.length);
		this.bytes.push(...data);
	}
	beginStruct(id: number): void {
		this.fieldHeader(id, 12);
		this.lastField.push(0);
	}
	endStruct(): void {
		this.bytes.push(0);
		this.lastField.pop();
	}
	/** A list header; elements follow (structs via listStruct). */
	list(id: number, elementType: number, size: number): void {
		this.fieldHeader(id, 9);
		this.bytes.push(size < 15 ? (size << 4) | elementType : 0xf0 | elementType);
		if (size >= 15) this.varint(size);
	}
	listStruct(write: () => void): void {
		this.lastField.push(0);
		write();
		this.bytes.push(0);
		this.lastField.pop();
	}
	stop(): void {
		this.bytes.push(0);
	}
}

/** declaredRows: the row count the footer states (default: the real one); a larger one makes a lying footer for tests. */
export function writeParquet(columns: ParquetColumn[], keyValues: Record<string, string> = {}, declaredRows?: number): Uint8Array {
	const rows = columns[0].values.length;
	const footerRows = declaredRows ?? rows;
	const chunks: number[] = [...new TextEncoder().encode('PAR1')];
	const metas: { offset: number; size: number; column: ParquetColumn }[] = [];
	for (const column of columns) {
		const data: number[] = [];
		if (column.kind === 'double') {
			const view = new DataView(new ArrayBuffer(8 * rows));
			column.values.forEach((value, index) => view.setFloat64(index * 8, value, true));
			data.push(...new Uint8Array(view.buffer));
		} else {
			for (const value of column.values) {
				const length = new DataView(new ArrayBuffer(4));
				length.setUint32(0, value.length, true);
				data.push(...new Uint8Array(length.buffer), ...value);
			}
		}
		const header = new CompactWriter();
		header.i32(1, 0); // DATA_PAGE
		header.i32(2, data.length);
		header.i32(3, data.length);
		header.beginStruct(5);
		header.i32(1, rows);
		header.i32(2, 0); // PLAIN
		header.i32(3, 3); // RLE
		header.i32(4, 3);
		header.endStruct();
		header.stop();
		metas.push({ offset: chunks.length, size: header.bytes.length + data.length, column });
		chunks.push(...header.bytes, ...data);
	}
	const footer = new CompactWriter();
	footer.i32(1, 1);
	footer.list(2, 12, columns.length + 1);
	footer.listStruct(() => {
		footer.binary(4, 'schema');
		footer.i32(5, columns.length);
	});
	for (const column of columns) {
		footer.listStruct(() => {
			footer.i32(1, column.kind === 'double' ? 5 : 6); // DOUBLE or BYTE_ARRAY
			footer.i32(3, 0); // REQUIRED
			footer.binary(4, column.name);
			if (column.kind === 'string') footer.i32(6, 0); // UTF8
		});
	}
	footer.i64(3, footerRows);
	footer.list(4, 12, 1);
	footer.listStruct(() => {
		footer.list(1, 12, columns.length);
		for (const meta of metas) {
			footer.listStruct(() => {
				footer.i64(2, meta.offset);
				footer.beginStruct(3);
				footer.i32(1, meta.column.kind === 'double' ? 5 : 6);
				footer.list(2, 5, 1);
				footer.zigzag(0);
				footer.list(3, 8, 1);
				footer.rawBinary(meta.column.name);
				footer.i32(4, 0); // UNCOMPRESSED
				footer.i64(5, footerRows);
				footer.i64(6, meta.size);
				footer.i64(7, meta.size);
				footer.i64(9, meta.offset);
				footer.endStruct();
			});
		}
		footer.i64(2, metas.reduce((total, meta) => total + meta.size, 0));
		footer.i64(3, footerRows);
	});
	const entries = Object.entries(keyValues);
	if (entries.length > 0) {
		footer.list(5, 12, entries.length);
		for (const [key, value] of entries) {
			footer.listStruct(() => {
				footer.binary(1, key);
				footer.binary(2, value);
			});
		}
	}
	footer.binary(6, 'health-circle make-import-fixtures');
	footer.stop();
	const length = new DataView(new ArrayBuffer(4));
	length.setUint32(0, footer.bytes.length, true);
	return new Uint8Array([...chunks, ...footer.bytes, ...new Uint8Array(length.buffer), ...new TextEncoder().encode('PAR1')]);
}

/** WKB (little-endian) for a one-ring polygon. */
export function polygonWkb(ring: [number, number][]): Uint8Array {
	const view = new DataView(new ArrayBuffer(1 + 4 + 4 + 4 + ring.length * 16));
	view.setUint8(0, 1);
	view.setUint32(1, 3, true);
	view.setUint32(5, 1, true);
	view.setUint32(9, ring.length, true);
	ring.forEach(([x, y], index) => {
		view.setFloat64(13 + index * 16, x, true);
		view.setFloat64(21 + index * 16, y, true);
	});
	return new Uint8Array(view.buffer);
}
