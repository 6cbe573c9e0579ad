export { buildTable, columnsFor, printerFor, tableRow } from './tableColumns.ts';
export type { BuildTableOptions, IncludeObject, TableRowOptions } from './tableColumns.ts';
export { formatTable, cellText } from './formatTable.ts';
export type { FormatTableOptions } from './formatTable.ts';
export { humanDuration, shortHumanDuration, translateTimestampSince } from './humanDuration.ts';
export { podStatusCells } from './podStatus.ts';
export type { PodStatusCells } from './podStatus.ts';
export { evaluateJsonPath, JsonPathError } from './jsonPath.ts';
export type { KindPrinter, PrinterColumn, Table, TableCell, TableColumnDefinition, TableRow, TableRowCondition, PartialObjectMetadata } from './tableTypes.ts';
