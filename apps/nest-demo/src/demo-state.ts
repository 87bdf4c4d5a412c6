import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AuthKitService } from '@authkit/nestjs';
import { DemoCredentialBank, EventLog } from '@authkit/demo-kit';
import type { SandboxConnection } from '@authkit/sandbox';
import { SANDBOX } from './sandbox.module.js';

/** What the demo keeps in memory: each user's demo credentials, and the connections' recent events. */
@Injectable()
export class DemoState implements OnModuleInit, OnModuleDestroy {
  readonly events = new EventLog();
  readonly bank: DemoCredentialBank;
  #detach: (() => void) | undefined;

  constructor(
    @Inject(AuthKitService) private readonly authkit: AuthKitService,
    @Inject(SANDBOX) readonly sandbox: SandboxConnection,
  ) {
    this.bank = new DemoCredentialBank(sandbox);
  }

  onModuleInit(): void {
    this.#detach = this.events.attach(this.authkit.authkit);
  }

  onModuleDestroy(): void {
    this.#detach?.();
  }
}
