# strerror's message table, shared by x86-64 and ARM64 (errno numbers are the same on both: they
# use asm-generic/errno*.h): the text glibc gives for errno 1..133 (glibc 2.36), taken from the
# kernel's table packages/kernel/src/syscalls/errno-messages.ts (which was generated with glibc's
# strerror on the build machine). Numbers without a message (41, 58, and anything past 133)
# print as "Unknown error N", as glibc does. The programs/<arch>/errno.s tests print strerror
# for 0..135 and -1 and compare with glibc. Data only: both assemblers take it alike.
	.section .rodata
	.p2align 3
	.globl __vsys_errmsg
__vsys_errmsg:
	.quad .Lm0
	.quad .Lm1
	.quad .Lm2
	.quad .Lm3
	.quad .Lm4
	.quad .Lm5
	.quad .Lm6
	.quad .Lm7
	.quad .Lm8
	.quad .Lm9
	.quad .Lm10
	.quad .Lm11
	.quad .Lm12
	.quad .Lm13
	.quad .Lm14
	.quad .Lm15
	.quad .Lm16
	.quad .Lm17
	.quad .Lm18
	.quad .Lm19
	.quad .Lm20
	.quad .Lm21
	.quad .Lm22
	.quad .Lm23
	.quad .Lm24
	.quad .Lm25
	.quad .Lm26
	.quad .Lm27
	.quad .Lm28
	.quad .Lm29
	.quad .Lm30
	.quad .Lm31
	.quad .Lm32
	.quad .Lm33
	.quad .Lm34
	.quad .Lm35
	.quad .Lm36
	.quad .Lm37
	.quad .Lm38
	.quad .Lm39
	.quad .Lm40
	.quad 0
	.quad .Lm42
	.quad .Lm43
	.quad .Lm44
	.quad .Lm45
	.quad .Lm46
	.quad .Lm47
	.quad .Lm48
	.quad .Lm49
	.quad .Lm50
	.quad .Lm51
	.quad .Lm52
	.quad .Lm53
	.quad .Lm54
	.quad .Lm55
	.quad .Lm56
	.quad .Lm57
	.quad 0
	.quad .Lm59
	.quad .Lm60
	.quad .Lm61
	.quad .Lm62
	.quad .Lm63
	.quad .Lm64
	.quad .Lm65
	.quad .Lm66
	.quad .Lm67
	.quad .Lm68
	.quad .Lm69
	.quad .Lm70
	.quad .Lm71
	.quad .Lm72
	.quad .Lm73
	.quad .Lm74
	.quad .Lm75
	.quad .Lm76
	.quad .Lm77
	.quad .Lm78
	.quad .Lm79
	.quad .Lm80
	.quad .Lm81
	.quad .Lm82
	.quad .Lm83
	.quad .Lm84
	.quad .Lm85
	.quad .Lm86
	.quad .Lm87
	.quad .Lm88
	.quad .Lm89
	.quad .Lm90
	.quad .Lm91
	.quad .Lm92
	.quad .Lm93
	.quad .Lm94
	.quad .Lm95
	.quad .Lm96
	.quad .Lm97
	.quad .Lm98
	.quad .Lm99
	.quad .Lm100
	.quad .Lm101
	.quad .Lm102
	.quad .Lm103
	.quad .Lm104
	.quad .Lm105
	.quad .Lm106
	.quad .Lm107
	.quad .Lm108
	.quad .Lm109
	.quad .Lm110
	.quad .Lm111
	.quad .Lm112
	.quad .Lm113
	.quad .Lm114
	.quad .Lm115
	.quad .Lm116
	.quad .Lm117
	.quad .Lm118
	.quad .Lm119
	.quad .Lm120
	.quad .Lm121
	.quad .Lm122
	.quad .Lm123
	.quad .Lm124
	.quad .Lm125
	.quad .Lm126
	.quad .Lm127
	.quad .Lm128
	.quad .Lm129
	.quad .Lm130
	.quad .Lm131
	.quad .Lm132
	.quad .Lm133
.Lm0:	.asciz "Success"
.Lm1:	.asciz "Operation not permitted"
.Lm2:	.asciz "No such file or directory"
.Lm3:	.asciz "No such process"
.Lm4:	.asciz "Interrupted system call"
.Lm5:	.asciz "Input/output error"
.Lm6:	.asciz "No such device or address"
.Lm7:	.asciz "Argument list too long"
.Lm8:	.asciz "Exec format error"
.Lm9:	.asciz "Bad file descriptor"
.Lm10:	.asciz "No child processes"
.Lm11:	.asciz "Resource temporarily unavailable"
.Lm12:	.asciz "Cannot allocate memory"
.Lm13:	.asciz "Permission denied"
.Lm14:	.asciz "Bad address"
.Lm15:	.asciz "Block device required"
.Lm16:	.asciz "Device or resource busy"
.Lm17:	.asciz "File exists"
.Lm18:	.asciz "Invalid cross-device link"
.Lm19:	.asciz "No such device"
.Lm20:	.asciz "Not a directory"
.Lm21:	.asciz "Is a directory"
.Lm22:	.asciz "Invalid argument"
.Lm23:	.asciz "Too many open files in system"
.Lm24:	.asciz "Too many open files"
.Lm25:	.asciz "Inappropriate ioctl for device"
.Lm26:	.asciz "Text file busy"
.Lm27:	.asciz "File too large"
.Lm28:	.asciz "No space left on device"
.Lm29:	.asciz "Illegal seek"
.Lm30:	.asciz "Read-only file system"
.Lm31:	.asciz "Too many links"
.Lm32:	.asciz "Broken pipe"
.Lm33:	.asciz "Numerical argument out of domain"
.Lm34:	.asciz "Numerical result out of range"
.Lm35:	.asciz "Resource deadlock avoided"
.Lm36:	.asciz "File name too long"
.Lm37:	.asciz "No locks available"
.Lm38:	.asciz "Function not implemented"
.Lm39:	.asciz "Directory not empty"
.Lm40:	.asciz "Too many levels of symbolic links"
.Lm42:	.asciz "No message of desired type"
.Lm43:	.asciz "Identifier removed"
.Lm44:	.asciz "Channel number out of range"
.Lm45:	.asciz "Level 2 not synchronized"
.Lm46:	.asciz "Level 3 halted"
.Lm47:	.asciz "Level 3 reset"
.Lm48:	.asciz "Link number out of range"
.Lm49:	.asciz "Protocol driver not attached"
.Lm50:	.asciz "No CSI structure available"
.Lm51:	.asciz "Level 2 halted"
.Lm52:	.asciz "Invalid exchange"
.Lm53:	.asciz "Invalid request descriptor"
.Lm54:	.asciz "Exchange full"
.Lm55:	.asciz "No anode"
.Lm56:	.asciz "Invalid request code"
.Lm57:	.asciz "Invalid slot"
.Lm59:	.asciz "Bad font file format"
.Lm60:	.asciz "Device not a stream"
.Lm61:	.asciz "No data available"
.Lm62:	.asciz "Timer expired"
.Lm63:	.asciz "Out of streams resources"
.Lm64:	.asciz "Machine is not on the network"
.Lm65:	.asciz "Package not installed"
.Lm66:	.asciz "Object is remote"
.Lm67:	.asciz "Link has been severed"
.Lm68:	.asciz "Advertise error"
.Lm69:	.asciz "Srmount error"
.Lm70:	.asciz "Communication error on send"
.Lm71:	.asciz "Protocol error"
.Lm72:	.asciz "Multihop attempted"
.Lm73:	.asciz "RFS specific error"
.Lm74:	.asciz "Bad message"
.Lm75:	.asciz "Value too large for defined data type"
.Lm76:	.asciz "Name not unique on network"
.Lm77:	.asciz "File descriptor in bad state"
.Lm78:	.asciz "Remote address changed"
.Lm79:	.asciz "Can not access a needed shared library"
.Lm80:	.asciz "Accessing a corrupted shared library"
.Lm81:	.asciz ".lib section in a.out corrupted"
.Lm82:	.asciz "Attempting to link in too many shared libraries"
.Lm83:	.asciz "Cannot exec a shared library directly"
.Lm84:	.asciz "Invalid or incomplete multibyte or wide character"
.Lm85:	.asciz "Interrupted system call should be restarted"
.Lm86:	.asciz "Streams pipe error"
.Lm87:	.asciz "Too many users"
.Lm88:	.asciz "Socket operation on non-socket"
.Lm89:	.asciz "Destination address required"
.Lm90:	.asciz "Message too long"
.Lm91:	.asciz "Protocol wrong type for socket"
.Lm92:	.asciz "Protocol not available"
.Lm93:	.asciz "Protocol not supported"
.Lm94:	.asciz "Socket type not supported"
.Lm95:	.asciz "Operation not supported"
.Lm96:	.asciz "Protocol family not supported"
.Lm97:	.asciz "Address family not supported by protocol"
.Lm98:	.asciz "Address already in use"
.Lm99:	.asciz "Cannot assign requested address"
.Lm100:	.asciz "Network is down"
.Lm101:	.asciz "Network is unreachable"
.Lm102:	.asciz "Network dropped connection on reset"
.Lm103:	.asciz "Software caused connection abort"
.Lm104:	.asciz "Connection reset by peer"
.Lm105:	.asciz "No buffer space available"
.Lm106:	.asciz "Transport endpoint is already connected"
.Lm107:	.asciz "Transport endpoint is not connected"
.Lm108:	.asciz "Cannot send after transport endpoint shutdown"
.Lm109:	.asciz "Too many references: cannot splice"
.Lm110:	.asciz "Connection timed out"
.Lm111:	.asciz "Connection refused"
.Lm112:	.asciz "Host is down"
.Lm113:	.asciz "No route to host"
.Lm114:	.asciz "Operation already in progress"
.Lm115:	.asciz "Operation now in progress"
.Lm116:	.asciz "Stale file handle"
.Lm117:	.asciz "Structure needs cleaning"
.Lm118:	.asciz "Not a XENIX named type file"
.Lm119:	.asciz "No XENIX semaphores available"
.Lm120:	.asciz "Is a named type file"
.Lm121:	.asciz "Remote I/O error"
.Lm122:	.asciz "Disk quota exceeded"
.Lm123:	.asciz "No medium found"
.Lm124:	.asciz "Wrong medium type"
.Lm125:	.asciz "Operation canceled"
.Lm126:	.asciz "Required key not available"
.Lm127:	.asciz "Key has expired"
.Lm128:	.asciz "Key has been revoked"
.Lm129:	.asciz "Key was rejected by service"
.Lm130:	.asciz "Owner died"
.Lm131:	.asciz "State not recoverable"
.Lm132:	.asciz "Operation not possible due to RF-kill"
.Lm133:	.asciz "Memory page has hardware error"
