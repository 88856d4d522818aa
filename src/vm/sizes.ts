import type { VmSize } from './commands.js';

/** Cores and memory of one classic VM size. */
export interface SizeSpec {
  /** ExtraSmall runs on a shared core; counted as 0 dedicated cores. */
  cores: number;
  memoryMb: number;
  /** A8/A9 need the RDMA stamps and cannot share an affinity group with other sizes. */
  isComputeIntensive: boolean;
}

/** Size table of the era (compute-lifecycle.md §4.1, MSDN dn197896; A5–A7 MB from Get-AzureRoleSize). */
export const VM_SIZES: Readonly<Record<VmSize, SizeSpec>> = {
  ExtraSmall: { cores: 0, memoryMb: 768, isComputeIntensive: false },
  Small: { cores: 1, memoryMb: 1792, isComputeIntensive: false },
  Medium: { cores: 2, memoryMb: 3584, isComputeIntensive: false },
  Large: { cores: 4, memoryMb: 7168, isComputeIntensive: false },
  ExtraLarge: { cores: 8, memoryMb: 14336, isComputeIntensive: false },
  A5: { cores: 2, memoryMb: 14336, isComputeIntensive: false },
  A6: { cores: 4, memoryMb: 28672, isComputeIntensive: false },
  A7: { cores: 8, memoryMb: 57344, isComputeIntensive: false },
  A8: { cores: 8, memoryMb: 57344, isComputeIntensive: true },
  A9: { cores: 16, memoryMb: 114688, isComputeIntensive: true },
};

/** Size used when a command names none (New-AzureQuickVM's default InstanceSize is Small). */
export const DEFAULT_VM_SIZE: VmSize = 'Small';

/** True for A8/A9, which live in separate RDMA stamps (compute-lifecycle.md §4.2). */
export function isComputeIntensiveSize(size: VmSize): boolean {
  return VM_SIZES[size].isComputeIntensive;
}
