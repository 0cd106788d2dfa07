import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class WithdrawTerminationRequest {
  /** Why the termination no longer stands, e.g. "Irtisanominen peruttu: neuvottelut jatkuvat". */
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}
