export class Binder {}
