// The machine a bench ran on, as the results files record it.
import { cpus, totalmem } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
  };
}

/** `2 × AMD EPYC, 24 GiB · linux x64 · Node v20.20.2`, as the tables' headers show it. */
export const machineLine = (machine: MachineInfo) =>
  `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB · ${machine.platform} · Node ${machine.node}`;
